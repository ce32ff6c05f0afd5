// Keeps a file mapping from killing the process when its file is cut short while mapped.
//
// Reading a page of a mapping that lies beyond the end of its file (another program
// truncated or rewrote the model while a backend computes from it) raises SIGBUS, whose
// default action ends the process. For guarded mappings a SIGBUS handler instead replaces
// the missing part with zero pages, so the reading thread carries on with zeros, and flags
// the mapping; MappedFile::check_unchanged() then reports the change as an Error and the
// session refuses the garbage that came of it. SIGBUS anywhere else goes to the handler
// that was installed before (or the default action) as if this one were not there.
#pragma once

#include <cstddef>

namespace hearth::mapping_guard {

// Registers a mapping (installing the handler on first use). Returns its slot, or -1 when
// all slots are taken (the mapping then works unguarded).
int add(const std::byte* data, size_t size);
// Forgets a slot; call before unmapping.
void remove(int slot);
// Whether a read beyond the file's end has hit this slot's mapping.
bool faulted(int slot);

} // namespace hearth::mapping_guard
