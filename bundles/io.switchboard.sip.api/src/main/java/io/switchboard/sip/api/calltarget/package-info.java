/**
 * Call targets: destinations served inside the server (voicemail, conferences, announcements) that a
 * call reaches by dialling the name they are registered under.
 */
package io.switchboard.sip.api.calltarget;
