# `report` under valgrind without a database (sourced by tests/valgrind-cli):
# usage errors, and `report verify` over a manifest made here with openssl
# and sha256sum, clean and with one file changed.
vgd=$(mktemp -d)
printf '0123456789abcdef0123\n' >"$vgd/k"; chmod 600 "$vgd/k"
printf 'plan_id\nIN\n' >"$vgd/r.csv"
{ printf 'adjudicator report manifest v1\nreport valgrind\nkey_id 0\n'
  (cd "$vgd" && sha256sum r.csv); } >"$vgd/body"
mac=$(openssl dgst -sha256 -hmac 0123456789abcdef0123 -r "$vgd/body" | cut -d' ' -f1)
{ cat "$vgd/body"; printf 'hmac-sha256 %s\n' "$mac"; } >"$vgd/r.csv.manifest"
run report --help
run report approval-rates --from 2026-13 --to 2026-01 --format csv --out "$vgd/x"
run report verify "$vgd/r.csv" --key-file "$vgd/k"
"$adj" report verify "$vgd/r.csv" --key-file "$vgd/k" >/dev/null 2>&1 ||
    { failed=$((failed+1)); echo "valgrind.d/report.sh: the openssl-made manifest does not verify"; }
printf 'plan_id\nIX\n' >"$vgd/r.csv"
run report verify "$vgd/r.csv" --key-file "$vgd/k"
run report verify "$vgd/missing.csv" --key-file "$vgd/k"
rm -rf "$vgd"
