/**
 * What every Switchboard plugin has in common: the service properties by which the platform
 * finds, names and orders plugin services.
 */
package io.switchboard.platform.api;
