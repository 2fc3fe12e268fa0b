/**
 * Group commit: what many threads write goes to the database in batches, one transaction per
 * batch, each writer told when its part is durable. The call records, the switch's call journal
 * and the registrar's bindings all commit through it.
 */
package io.switchboard.store.commit;
