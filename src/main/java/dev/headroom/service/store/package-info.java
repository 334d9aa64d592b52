/**
 * Stores and their menus, read with plain SQL and no cache: each call is one query, so the
 * database work a request costs is what was measured.
 */
package dev.headroom.service.store;
