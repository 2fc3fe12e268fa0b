#!/usr/bin/env python3
"""Writes a pcap of a PCMU RTP stream of a 600 Hz tone for SIPp's play_pcap_audio: one packet every
20 ms, each sent late by a random 0..JITTER ms (so packets overtake each other when the jitter passes
20 ms), sequence numbers and timestamps as the sender made them.
  rtp-pcap.py OUT SECONDS JITTER_MS [SEED]"""
import math, random, struct, sys

out, seconds, jitter = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)

def ulaw(sample):
    # ITU-T G.711 mu-law, as in every telephony stack
    sign = 0x80 if sample < 0 else 0
    magnitude = min(abs(sample), 32635) + 0x84
    exponent = max(0, magnitude.bit_length() - 8)
    exponent = min(exponent, 7)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF

packets = []
for k in range(seconds * 50):
    payload = bytes(ulaw(int(12000 * math.sin(2 * math.pi * 600 * (k * 160 + i) / 8000))) for i in range(160))
    rtp = struct.pack("!BBHII", 0x80, 0, k & 0xFFFF, (k * 160) & 0xFFFFFFFF, 0x5B0A7D) + payload
    udp = struct.pack("!HHHH", 40000, 40002, 8 + len(rtp), 0) + rtp
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), k & 0xFFFF, 0, 64, 17, 0,
                     bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + udp
    frame = b"\x00" * 12 + b"\x08\x00" + ip
    packets.append((k * 0.020 + rng.uniform(0, jitter / 1000.0), frame))
packets.sort(key=lambda p: p[0])
with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for t, frame in packets:
        us = int(round(t * 1e6))
        f.write(struct.pack("<IIII", us // 1000000, us % 1000000, len(frame), len(frame)))
        f.write(frame)
