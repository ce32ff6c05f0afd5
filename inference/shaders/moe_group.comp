#version 450
#extension GL_GOOGLE_include_directive : require

// The slots of a prompt batch grouped by expert, on the device, for moe_matmul.comp: a
// counting sort of the router's ids. One workgroup:
// 1. every invocation counts its slots' experts into shared counters (atomics);
// 2. invocation 0 turns the counts into each expert's first position (an exclusive prefix
//    sum over at most HEARTH_MOE_MAX_EXPERTS experts) and writes them with the total;
// 3. every invocation places its slots, taking positions from the expert's shared cursor.
// Within an expert the order of the slots depends on the atomics' order; nothing reads it:
// every output of moe_matmul.comp is computed for one slot alone. Shapes: MoeGroupPush.

#include "shader_interface.h"

layout(local_size_x = 256) in;

layout(push_constant) uniform PushBlock { MoeGroupPush p; };
layout(std430, binding = 0) readonly buffer IdBuf { uint ids[]; };    // [slots]
layout(std430, binding = 1) writeonly buffer GroupBuf { uint groups[]; }; // see MoeGroupPush

shared uint cursor[HEARTH_MOE_MAX_EXPERTS];

void main() {
    uint lane = gl_LocalInvocationID.x;
    for (uint e = lane; e < p.n_expert; e += gl_WorkGroupSize.x) {
        cursor[e] = 0u;
    }
    barrier();
    for (uint s = lane; s < p.slots; s += gl_WorkGroupSize.x) {
        atomicAdd(cursor[min(ids[s], p.n_expert - 1u)], 1u);
    }
    barrier();
    if (lane == 0u) {
        uint first = 0u;
        for (uint e = 0u; e < p.n_expert; ++e) {
            uint count = cursor[e];
            groups[e] = first;
            cursor[e] = first;
            first += count;
        }
        groups[p.n_expert] = first;
    }
    barrier();
    for (uint s = lane; s < p.slots; s += gl_WorkGroupSize.x) {
        uint at = atomicAdd(cursor[min(ids[s], p.n_expert - 1u)], 1u);
        groups[p.n_expert + 1u + at] = s;
    }
}
