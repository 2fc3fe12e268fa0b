/**
 * Number normalisation: turning what a caller dialled into E.164. Vendors extend it with
 * {@link io.switchboard.numbering.api.NumberNormalizer} plugins for their own dial plans.
 */
package io.switchboard.numbering.api;
