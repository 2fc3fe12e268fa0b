/**
 * The relational store that holds Switchboard's state: one database (embedded H2 by default,
 * PostgreSQL in production) whose schema each owning bundle contributes as Liquibase changelogs.
 */
package io.switchboard.store.api;
