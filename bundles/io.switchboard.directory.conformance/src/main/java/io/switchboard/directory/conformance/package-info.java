/**
 * The conformance kit of {@link io.switchboard.directory.api.ContactDirectory}: what every contact
 * directory must do, as checks that a plugin's own tests run, whatever their test framework (a
 * failed check throws {@link AssertionError}).
 */
@Version("1.0.0")
package io.switchboard.directory.conformance;

import org.osgi.annotation.versioning.Version;
