/**
 * The softswitch's provisioning: users, trunks, numbers (DIDs) and outbound routes as records, the
 * {@code @ProviderType} services that read and change them, and the Event Admin events posted after
 * every change ({@link ProvisioningEvents}). The console's editors, the shell and vendor plugins use
 * these; {@code io.switchboard.sip.provisioning.jdbc} implements them on the store. The route
 * table is versioned: {@link RouteVersion}, {@link RouteDiff}. What each user may call: {@link CallingPolicy}; how media is protected: {@link MediaEncryption}.
 */
package io.switchboard.sip.api.provisioning;
