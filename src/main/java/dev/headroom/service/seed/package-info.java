/**
 * Fills the service's database with stores, menus and past orders before a run, as pure
 * functions of their ids, so two seeds of the same size hold the same rows.
 */
package dev.headroom.service.seed;
