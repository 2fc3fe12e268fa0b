/**
 * Voicemail: each user's mailbox and the voice messages callers left in it, for the management
 * API, the console and plugins. Messages are left and heard over the phone; their audio is a WAV
 * file the service keeps, their metadata is in the database.
 */
package io.switchboard.voicemail.api;
