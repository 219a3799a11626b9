#!/usr/bin/env bash
# Build the wheel, install it in a fresh venv outside the repository, and run every command
# against a copy of the bundled plans: templates and schema must ship inside the wheel.
#   tools/check_wheel.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip wheel -q --no-deps -w "$work/dist" "$repo"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$work"/dist/ikplan-*.whl
cp -r "$repo/plans" "$work/plans"
cd "$work"
ik="$work/venv/bin/ikplan"
"$ik" --version
"$ik" validate plans
"$ik" score plans -f md > score.md
"$ik" status plans --period delår --as-of 2024-09-10 -f json > status.json
"$ik" report plans/uppsala/amn-2024.yaml --period delår -o amn.md
"$ik" report plans/uppsala/amn-2024.yaml --period delår -f docx -o amn.docx
"$ik" report plans/ks/ks-2025.yaml --period plan -f html -o ks.html
cp plans/ks/ks-2025.yaml ks-new.yaml
sed -i 's/riskvärde: 8/riskvärde: 12/' ks-new.yaml
"$ik" diff plans/ks/ks-2025.yaml ks-new.yaml -f md > diff.md
grep -q "För sju av nio kontrollmoment är granskningen gjord utan anmärkning." amn.md
grep -q "| riskvärde | väsentlig | 8 | 12 |" diff.md
test -s amn.docx && test -s ks.html && test -s score.md && test -s status.json
echo "wheel OK: validate, score, status, report (md, docx, html) and diff ran outside the repository"
