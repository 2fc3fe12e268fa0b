/**
 * The softswitch as others build on it: its calls, seen through {@link CallControl} and the Event
 * Admin events named in {@link SipEvents}. Consumers (KPIs, alerts, the console's live views,
 * vendor plugins) import this package; only {@code io.switchboard.sip.core} implements it.
 */
@Version("1.0.0")
package io.switchboard.sip.api;

import org.osgi.annotation.versioning.Version;
