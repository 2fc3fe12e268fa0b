package io.switchboard.conference.api;

/**
 * A participant's video in the room: everyone with video sees the talker's.
 *
 * @param shown whether theirs is the video everyone else sees now (they are, or were last, the talker)
 * @param packetsIn video packets the bridge had from them
 * @param packetsOut video packets the bridge sent them (the talker's video)
 * @param keyframeRequests how often the bridge asked their phone for a keyframe (PLI, and FIR where
 *        the phone takes it): each time their video came on, and for receivers that lost the picture
 * @since 1.1
 */
public record ParticipantVideo(boolean shown, long packetsIn, long packetsOut, int keyframeRequests) {
}
