#!/usr/bin/env bash
# The audit a CI job runs on a pull or merge request: every data file (CSV or workbook) the
# request adds or changes under the data folder — directly in it or in any folder below — is
# checked by floorspace; the job fails closed: a changed data file that was not checked, or a
# floorspace that could not run, fails it.
#
#   ci/audit.sh BASE_REF [floorspace options…]
#
# Environment: FLOORSPACE_DATA (the data folder, default "data"), FLOORSPACE (the command, default
# "floorspace"). Writes the list of files it checked to floorspace-files.txt.
set -euo pipefail
base="${1:?usage: ci/audit.sh BASE_REF [floorspace options…]}"
shift
data="${FLOORSPACE_DATA:-data}"
floorspace="${FLOORSPACE:-floorspace}"

if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  echo "floorspace audit: the base $base is not known here; fetch it first (fetch-depth: 0)" >&2
  exit 2
fi
# NUL-separated, so names with spaces or Chinese characters arrive whole; renames count as changes.
files=()
while IFS= read -r -d '' file; do
  case "${file,,}" in
  *.csv | *.xlsx | *.xlsm | *.xls | *.ods) files+=("$file") ;;
  esac
done < <(git -c core.quotepath=off diff -z --name-only --diff-filter=AMR "$base...HEAD" -- "$data")
printf '%s\n' "${files[@]}" >floorspace-files.txt

if [ "${#files[@]}" -eq 0 ]; then
  echo "floorspace audit: no data file under $data/ changed"
  exit 0
fi
echo "floorspace audit: checking ${#files[@]} changed file(s): ${files[*]}"
# Whatever floorspace says is the job's answer; a floorspace that is missing or dies is a failure.
set +e
$floorspace check "${files[@]}" "$@"
code=$?
set -e
case "$code" in
0 | 1 | 2) exit "$code" ;;
*)
  echo "floorspace audit: floorspace did not run to its end (exit $code): the files are unchecked" >&2
  exit 3
  ;;
esac
