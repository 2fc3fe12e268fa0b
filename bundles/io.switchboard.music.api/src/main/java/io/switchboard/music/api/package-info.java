/**
 * Music classes: the admin's own pieces of music, by class, that callers hear on hold, in a queue or in a parking
 * slot, for the telephony services, the management API and plugins.
 */
package io.switchboard.music.api;
