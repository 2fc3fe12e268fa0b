/**
 * The softphone engine: a SIP user agent on a stack of its own that registers, places and answers
 * calls and carries their audio, for the console's softphone, the server's test calls and the
 * tests. Audio comes from and goes to {@link io.switchboard.phone.api.AudioSource} and
 * {@link io.switchboard.phone.api.AudioSink}: devices, WAV files or tones.
 */
package io.switchboard.phone.api;
