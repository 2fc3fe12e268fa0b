/**
 * Number normalisation: turning what a caller dialled into E.164. Vendors extend it with
 * {@link io.switchboard.numbering.api.NumberNormalizer} plugins for their own dial plans.
 */
@Version("1.1.0")
package io.switchboard.numbering.api;

import org.osgi.annotation.versioning.Version;
