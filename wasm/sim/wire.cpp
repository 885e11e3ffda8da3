// Framing of the simulated wire (wire.hpp): the tag first, so a receiver knows which decoder to
// run before it reads anything else.
#include "wire.hpp"

#include "encoding/writer.hpp"

namespace weft::sim {

Bytes frame_proposal(const consensus::Proposal& proposal) {
  encoding::Writer w;
  w.u8(kTagProposal);
  consensus::write_proposal(w, proposal);
  return std::move(w).take();
}

Bytes frame_vote(const consensus::Vote& vote) {
  encoding::Writer w;
  w.u8(kTagVote);
  consensus::write_vote(w, vote);
  return std::move(w).take();
}

Bytes frame_commit(const consensus::Commit& commit) {
  encoding::Writer w;
  w.u8(kTagCommit);
  consensus::write_commit(w, commit);
  return std::move(w).take();
}

} // namespace weft::sim
