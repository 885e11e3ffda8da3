// weft_sim: runs the deterministic consensus simulator for one seed or a range of seeds.
//   weft_sim --seed S [--validators N] [--heights H] [--faults P] [--trace]
//   weft_sim --seeds A..B [--validators N|--validators mix] [--heights H] [--faults P|mix]
//            [--seconds T]
// Prints seeds/s and the violation count; each violation is printed with the command that
// reproduces it. Exit status 1 if any violation was found.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "simulator.hpp"

namespace {

using weft::sim::Faults;

constexpr Faults kMix[] = {Faults::None,  Faults::Lossy,     Faults::Partition,
                           Faults::Crash, Faults::Byzantine, Faults::Chaos};

int usage() {
  std::fprintf(stderr,
               "usage: weft_sim --seed S | --seeds A..B [--validators N|mix] [--heights H]\n"
               "                [--faults none|lossy|partition|crash|byzantine|chaos|fork|mix]\n"
               "                [--seconds T] [--trace]\n");
  return 2;
}

bool parse_u64(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  const std::string str(s);
  out = std::strtoull(str.c_str(), &end, 10);
  return end != nullptr && *end == '\0';
}

} // namespace

int main(int argc, char** argv) {
  std::uint64_t first = 1;
  std::uint64_t last = 1;
  std::uint64_t validators = 0; // 0: mix
  std::uint64_t heights = 5;
  std::uint64_t seconds = 0;
  bool mix_faults = false;
  Faults faults = Faults::Chaos;
  bool trace = false;
  bool single = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const std::string_view value = i + 1 < argc ? std::string_view(argv[i + 1]) : "";
    if (arg == "--trace") {
      trace = true;
      continue;
    }
    ++i;
    if (arg == "--seed") {
      if (!parse_u64(value, first)) return usage();
      last = first;
      single = true;
    } else if (arg == "--seeds") {
      const auto dots = value.find("..");
      if (dots == std::string_view::npos || !parse_u64(value.substr(0, dots), first) ||
          !parse_u64(value.substr(dots + 2), last) || last < first) {
        return usage();
      }
    } else if (arg == "--validators") {
      if (value != "mix" && (!parse_u64(value, validators) || validators < 4 || validators > 10)) {
        return usage();
      }
    } else if (arg == "--heights") {
      if (!parse_u64(value, heights) || heights == 0) return usage();
    } else if (arg == "--seconds") {
      if (!parse_u64(value, seconds)) return usage();
    } else if (arg == "--faults") {
      if (value == "mix") {
        mix_faults = true;
      } else if (const auto f = weft::sim::parse_faults(value)) {
        faults = *f;
      } else {
        return usage();
      }
    } else {
      return usage();
    }
  }
  if (!single && !mix_faults && argc > 1) {
    // A range without --faults runs the mix.
    bool given = false;
    for (int i = 1; i < argc; ++i) given = given || std::string_view(argv[i]) == "--faults";
    mix_faults = !given;
  }

  const auto start = std::chrono::steady_clock::now();
  std::uint64_t runs = 0;
  std::uint64_t violations = 0;
  std::uint64_t messages = 0; // deliveries: decoded, signature-checked, fed to a state machine
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    weft::sim::Config cfg;
    cfg.seed = seed;
    cfg.validators = static_cast<std::uint32_t>(validators != 0 ? validators : 4 + seed % 7);
    cfg.heights = heights;
    cfg.faults = mix_faults ? kMix[seed % std::size(kMix)] : faults;
    cfg.trace = trace;
    const auto r = weft::sim::run(cfg);
    ++runs;
    messages += r.messages;
    if (single || !r.ok) {
      std::printf("seed %llu validators %u faults %s byzantine %u: %s%s%s | %llu ms virtual, "
                  "%llu messages, %llu rejected, %llu evidence, min decided %llu\n",
                  static_cast<unsigned long long>(seed), cfg.validators,
                  std::string(weft::sim::faults_name(cfg.faults)).c_str(), r.byzantine,
                  r.ok ? "ok" : "VIOLATION ", r.property.c_str(),
                  r.ok ? "" : (" (" + r.detail + ")").c_str(),
                  static_cast<unsigned long long>(r.virtual_ms),
                  static_cast<unsigned long long>(r.messages),
                  static_cast<unsigned long long>(r.rejected),
                  static_cast<unsigned long long>(r.evidence),
                  static_cast<unsigned long long>(r.min_decided));
    }
    if (!r.ok) {
      ++violations;
      std::printf("  reproduce: weft_sim --seed %llu --validators %u --heights %llu --faults %s\n",
                  static_cast<unsigned long long>(seed), cfg.validators,
                  static_cast<unsigned long long>(heights),
                  std::string(weft::sim::faults_name(cfg.faults)).c_str());
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds != 0 && elapsed >= static_cast<double>(seconds)) break;
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!single) {
    const double secs = elapsed > 0 ? elapsed : 1;
    std::printf("%llu seeds in %.1f s: %.1f seeds/s, %.0f messages/s, %llu violations\n",
                static_cast<unsigned long long>(runs), elapsed, static_cast<double>(runs) / secs,
                static_cast<double>(messages) / secs, static_cast<unsigned long long>(violations));
  }
  return violations == 0 ? 0 : 1;
}
