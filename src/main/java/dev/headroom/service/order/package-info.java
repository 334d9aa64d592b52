/**
 * Orders, the service's main feature: placing an order in one transaction, reading one back and
 * listing a store's orders, with the optional extra CPU work a scenario can ask for.
 */
package dev.headroom.service.order;
