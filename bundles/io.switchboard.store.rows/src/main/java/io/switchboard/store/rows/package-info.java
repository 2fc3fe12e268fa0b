/**
 * What every service that keeps an admin's named objects in the database (menus, page groups) does the same way:
 * rows written against the version they were read at, and a copy in memory read again after each change and
 * every few seconds for the changes another server made.
 */
package io.switchboard.store.rows;
