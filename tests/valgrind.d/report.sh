# `report` under valgrind without a database (sourced by tests/valgrind-cli):
# usage errors, and `report verify --public-key` over a manifest signed here
# with the openssl command (Ed25519) and sha256sum, clean and with one file
# changed: what a regulator can do with openssl alone, the product reads.
vgd=$(mktemp -d)
openssl genpkey -algorithm ed25519 -out "$vgd/k.pem" 2>/dev/null
openssl pkey -in "$vgd/k.pem" -pubout -out "$vgd/k.pub" 2>/dev/null
printf 'plan_id\nIN\n' >"$vgd/r.csv"
fpr=$(openssl pkey -pubin -in "$vgd/k.pub" -outform DER 2>/dev/null | tail -c 32 | sha256sum | cut -d' ' -f1)
{ printf 'adjudicator report manifest v2\nreport valgrind\npublic_key_sha256 %s\n' "$fpr"
  (cd "$vgd" && sha256sum r.csv); } >"$vgd/body"
sig=$(openssl pkeyutl -sign -inkey "$vgd/k.pem" -rawin -in "$vgd/body" 2>/dev/null | od -An -v -tx1 | tr -d ' \n')
{ cat "$vgd/body"; printf 'ed25519 %s\n' "$sig"; } >"$vgd/r.csv.manifest"
run report --help
run report approval-rates --from 2026-13 --to 2026-01 --format csv --out "$vgd/x"
run report verify "$vgd/r.csv" --public-key "$vgd/k.pub"
"$adj" report verify "$vgd/r.csv" --public-key "$vgd/k.pub" >/dev/null 2>&1 ||
    { failed=$((failed+1)); echo "valgrind.d/report.sh: the openssl-signed manifest does not verify"; }
printf 'plan_id\nIX\n' >"$vgd/r.csv"
run report verify "$vgd/r.csv" --public-key "$vgd/k.pub"
run report verify "$vgd/missing.csv" --public-key "$vgd/k.pub"
rm -rf "$vgd"
