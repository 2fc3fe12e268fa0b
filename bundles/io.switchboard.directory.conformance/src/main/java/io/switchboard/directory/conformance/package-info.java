/**
 * The conformance kit of {@link io.switchboard.directory.api.ContactDirectory}: what every contact
 * directory must do, as checks that a plugin's own tests run, whatever their test framework (a
 * failed check throws {@link AssertionError}).
 */
package io.switchboard.directory.conformance;
