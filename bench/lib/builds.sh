# Sourced by the benchmarks that compare builds of beneficiary-service in one run.
# beneficiary_builds [baseline-commit] [candidate-commit] fills the array `jars` with label=path-of-quarkus-run.jar:
# each commit is exported with `git archive` to a temporary directory (removed when the script exits) and packaged
# there with the platform modules it depends on (-am), so that what is measured is that commit, built against its own
# platform-commons rather than whatever ~/.m2 holds; without a candidate commit, this work tree's build is the candidate.
beneficiary_builds() {
  local baseline="${1:-}" candidate="${2:-}"
  builds_scratch=$(mktemp -d)
  trap 'rm -rf "$builds_scratch"' EXIT
  jars=()
  local commit label
  for commit in "$baseline" "$candidate"; do
    [ -n "$commit" ] || continue
    label=$(git rev-parse --short "$commit")
    mkdir "$builds_scratch/$label"
    git archive "$commit" | tar -x -C "$builds_scratch/$label"
    (cd "$builds_scratch/$label" && ./mvnw -B -o -q package -Dmaven.test.skip=true -pl beneficiary-service -am)
    jars+=("$label=$builds_scratch/$label/beneficiary-service/target/quarkus-app/quarkus-run.jar")
  done
  if [ -z "$candidate" ]; then
    ./mvnw -B -o -q package -DskipTests -pl beneficiary-service
    jars+=("worktree=$PWD/beneficiary-service/target/quarkus-app/quarkus-run.jar")
  fi
}

# beneficiary_variants: with BENCH_VARIANTS set, every build in `jars` becomes one contender per variant, labelled
# build-variant, its service run with the variant's settings added to its environment. BENCH_VARIANTS holds
# `label:NAME=value,NAME=value` separated by spaces, e.g. "off:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=off
# 1s:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=1s"; the benchmarks read them as `label=jar;NAME=value;NAME=value`.
beneficiary_variants() {
  [ -n "${BENCH_VARIANTS:-}" ] || return 0
  local builds=("${jars[@]}") build variant settings
  jars=()
  for build in "${builds[@]}"; do
    for variant in $BENCH_VARIANTS; do
      settings=${variant#*:}
      jars+=("${build%%=*}-${variant%%:*}=${build#*=};${settings//,/;}")
    done
  done
}
