/**
 * The service's floor: an endpoint with HTTP, servlets and JSON but no database work, measured
 * beside the real ones so that their cost can be told from the stack's.
 */
package dev.headroom.service.baseline;
