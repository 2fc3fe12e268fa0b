/**
 * Call targets: destinations served inside the server (voicemail, conferences, announcements) that a
 * call reaches by dialling the name they are registered under.
 */
@Version("1.4.0")
package io.switchboard.sip.api.calltarget;

import org.osgi.annotation.versioning.Version;
