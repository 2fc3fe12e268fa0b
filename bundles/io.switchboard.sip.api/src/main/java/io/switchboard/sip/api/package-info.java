/**
 * The softswitch as others build on it: its calls and trunks, seen through {@link CallControl}, {@link TrunkHealth}, {@link SipGuard}
 * and the Event Admin events named in {@link SipEvents}. Provisioning, routing and call targets are in
 * the sub-packages. Consumers (KPIs, alerts, the console's live views,
 * vendor plugins) import this package; only {@code io.switchboard.sip.core} implements it.
 */
package io.switchboard.sip.api;
