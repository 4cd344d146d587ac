# adjudicator console over HTTP (curl): security headers, sign-in with
# lockout after repeated failures, disabled accounts, CSRF on every POST,
# roles (a viewer cannot work pends or re-run; an analyst cannot commit a
# re-run nor re-run a search), hostile claim bytes escaped, the access log per claim view,
# bounded request bodies, HTTPS with Secure cookies. The browser flows are
# test_console_browser.
. tests/integration/console_lib.sh
PORT=8482
U="http://127.0.0.1:$PORT"
console_start $PORT

# login JAR USER PASSWORD: prints the status of the sign-in POST
login() {
    curl -s -c "$1" -b "$1" "$U/login" >"$TMP/l.html"
    local pre; pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/l.html" | head -1)
    curl -s -o "$TMP/l2.html" -w '%{http_code}' -c "$1" -b "$1" \
        --data-urlencode "csrf=$pre" --data-urlencode "login=$2" --data-urlencode "password=$3" "$U/login"
}
csrf() { curl -s -b "$1" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }
# post JAR PATH DATA...: prints the status; the body in $TMP/p.html
post() { local j=$1 p=$2; shift 2; curl -s -o "$TMP/p.html" -w '%{http_code}' -b "$j" "$@" "$U$p"; }

# headers on every page, even the sign-in page
curl -s -D "$TMP/h" -o /dev/null "$U/login"
expect_contains "$TMP/h" "Content-Security-Policy: default-src 'none'; script-src 'self'" "CSP without inline script"
expect_contains "$TMP/h" "X-Frame-Options: DENY" "no framing"
expect_contains "$TMP/h" "Set-Cookie: pre=" "login CSRF cookie"
expect_eq "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/claim/1")" "303 $U/login" "signed out: to the sign-in page"

# sign-in: wrong password, then lockout after five failures in a row
expect_eq "$(login "$TMP/v.jar" victor wrong-password)" "401" "wrong password"
for i in 2 3 4 5; do login "$TMP/v.jar" victor wrong-password >/dev/null; done
expect_eq "$(login "$TMP/v.jar" victor "viewer password 1")" "401" "locked after five failures"
expect_contains "$TMP/l2.html" "locked after repeated failed sign-ins" "says so"
echo "viewer password 2" | "$ADJ" --db "$ADJ_DB" staff passwd victor >/dev/null
expect_eq "$(login "$TMP/v.jar" victor "viewer password 2")" "303" "passwd unlocks"
grep -q $'\tsid\t' "$TMP/v.jar" || fail "no session cookie"
# sign-in without the form's CSRF value is refused
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' --data 'login=alice&password=correct+horse+battery' "$U/login")" "403" "login CSRF"
# a disabled account cannot sign in
"$ADJ" --db "$ADJ_DB" staff disable anna >/dev/null
expect_eq "$(login "$TMP/x.jar" anna "analyst password 1")" "401" "disabled account"
echo "analyst password 2" | "$ADJ" --db "$ADJ_DB" staff passwd anna >/dev/null
run_adj 1 --db "$ADJ_DB" staff add alice --role viewer <<<"another password"
expect_contains "$TMP/err" "staff account alice exists already" "no duplicate accounts"
run_adj 1 --db "$ADJ_DB" staff add bob --role viewer <<<"short"
expect_contains "$TMP/err" "a password has 10 to 256 characters" "short password"
run_adj 1 --db "$ADJ_DB" staff add bob --role admin <<<"a long password"
expect_contains "$TMP/err" "or role refused" "unknown role"
expect_eq "$(sql "SELECT count(*) FROM staff_account WHERE pw_hash LIKE 'pbkdf2-sha256\$210000\$%'")" "3" "PBKDF2 hashes stored"

expect_eq "$(login "$TMP/a.jar" alice "correct horse battery")" "303" "supervisor signs in"
expect_eq "$(login "$TMP/n.jar" anna "analyst password 2")" "303" "analyst signs in"
A_CSRF=$(csrf "$TMP/a.jar"); N_CSRF=$(csrf "$TMP/n.jar"); V_CSRF=$(csrf "$TMP/v.jar")
[ ${#A_CSRF} -eq 64 ] || fail "no CSRF token on the page"

# search is a POST with its token; without it, refused
expect_eq "$(post "$TMP/a.jar" /search --data-urlencode claim=psf-1001)" "403" "search without CSRF token"
expect_eq "$(post "$TMP/a.jar" /search --data-urlencode "csrf=$A_CSRF" --data-urlencode claim=psf-1001)" "200" "search"
expect_eq "$(grep -o '<a href="/claim/[0-9]*">' "$TMP/p.html" | wc -l)" "2" "both PSF-1001 claims"
expect_eq "$(post "$TMP/a.jar" /search --data-urlencode "csrf=$A_CSRF" --data-urlencode member=MBR1002 --data-urlencode outcome=deny)" "200" "by member and outcome"
expect_eq "$(grep -o '<a href="/claim/[0-9]*">' "$TMP/p.html" | wc -l)" "2" "MBR1002's two denied claims"

# a claim whose patient name holds markup: escaped, and the view is logged
pcn=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PND-5004'")
curl -s -b "$TMP/v.jar" "$U/claim/$pcn" >"$TMP/c.html"
expect_contains "$TMP/c.html" "RIVERA&lt;script&gt;alert(1)&lt;/script&gt;, ANA" "name escaped"
grep -q '<script>alert' "$TMP/c.html" && fail "raw markup from a claim reached the page"
expect_eq "$(grep -c '<script' "$TMP/c.html")" "1" "only the app's script tag"
grep -q '<td id="patient">RIVERA&lt;script&gt;alert(1)&lt;/script&gt;, ANA (subscriber), born 1985-03-12</td>' "$TMP/c.html" || fail "the patient cell"
grep -q '<tr class="line"><td>1</td><td>99497</td><td>2026-04-21</td>' "$TMP/c.html" || fail "the line table"
expect_contains "$TMP/c.html" '<pre id="raw">' "raw segments"
expect_contains "$TMP/c.html" '<td>277CA</td>' "the 277CA sent back"
expect_eq "$(sql "SELECT count(*) FROM access_log a JOIN claim c USING (claim_pk) WHERE a.action = 'console' AND a.app_user = 'victor' AND c.pcn = '$pcn'")" "1" "claim view in the access log"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/v.jar" "$U/claim/999999999999999")" "404" "unknown claim"

# roles: a viewer may not work a pend nor re-run; an analyst may not commit
p2=$(sql "SELECT pcn FROM claim WHERE claim_id = 'PND-5002'")
expect_eq "$(post "$TMP/v.jar" /pend/decide --data-urlencode "csrf=$V_CSRF" --data "pcn=$p2&line=1&action=pay&reason=x")" "403" "viewer cannot work pends"
expect_eq "$(post "$TMP/v.jar" "/claim/$p2/rerun" --data-urlencode "csrf=$V_CSRF" --data "reason=x")" "403" "viewer cannot re-run"
expect_eq "$(post "$TMP/n.jar" "/claim/$p2/rerun" --data-urlencode "csrf=$N_CSRF" --data "reason=check&commit=1")" "403" "analyst cannot commit a re-run"
expect_contains "$TMP/p.html" "only a supervisor commits a re-run" "says why"
expect_eq "$(post "$TMP/n.jar" "/claim/$p2/rerun" --data-urlencode "csrf=$N_CSRF" --data "reason=check")" "200" "analyst previews a re-run"
expect_contains "$TMP/p.html" "dry run: 1 claim" "a dry run"
# re-running a search's claims is the supervisor's
expect_eq "$(post "$TMP/n.jar" /search/rerun --data-urlencode "csrf=$N_CSRF" --data "member=MBR1002&reason=check")" "403" "analyst cannot re-run a search"
expect_contains "$TMP/p.html" "only a supervisor re-runs the claims of a search" "says why"
expect_eq "$(post "$TMP/a.jar" /search/rerun --data-urlencode "csrf=$A_CSRF" --data "member=MBR1002")" "400" "a search re-run needs a reason"
expect_eq "$(post "$TMP/a.jar" /search/rerun --data-urlencode "csrf=$A_CSRF" --data "member=NOBODY&reason=check")" "400" "a search that matches nothing"
expect_contains "$TMP/p.html" "matches no claim" "says so"
expect_eq "$(post "$TMP/a.jar" /search/rerun --data-urlencode "csrf=$A_CSRF" --data "member=MBR1002&outcome=pay&reason=nothing+changed")" "200" "supervisor's dry run of a search"
expect_contains "$TMP/p.html" "Nothing would change." "no reference change: nothing to commit"
grep -q 'id="commit"' "$TMP/p.html" && fail "a commit form with nothing to commit"
expect_eq "$(sql "SELECT count(*) FROM rerun_run WHERE dry_run AND reason = 'nothing changed' AND filter LIKE 'console search: npi=%'")" "$(sql "SELECT count(DISTINCT d.billing_npi) FROM decision_current d JOIN claim c USING (claim_pk) WHERE adj_text(c.member_id) = 'MBR1002' AND d.outcome = 'pay'")" "one dry run per billing NPI, recorded"
# the analyst's token is not the supervisor's
expect_eq "$(post "$TMP/n.jar" /pend/decide --data-urlencode "csrf=$A_CSRF" --data "pcn=$p2&line=1&action=pay&reason=x")" "403" "another session's token"
# work a pend as the analyst: refusals are said, then paid
expect_eq "$(post "$TMP/n.jar" /pend/decide --data-urlencode "csrf=$N_CSRF" --data "pcn=$p2&line=1&action=pay&allowed=149.301&reason=PND-5001+differs")" "400" "three decimals refused"
expect_contains "$TMP/p.html" "at most two decimals" "said"
expect_eq "$(post "$TMP/n.jar" /pend/decide --data-urlencode "csrf=$N_CSRF" --data "pcn=$p2&line=1&action=pay&reason=PND-5001+was+another+visit")" "200" "paid"
expect_eq "$(sql "SELECT d.outcome || ' ' || d.paid_cents || ' ' || d.decided_by || ' ' || x.app_user FROM decision_current d JOIN decision x ON x.claim_pk = d.claim_pk AND x.line_no = d.line_no AND x.version = d.version WHERE d.claim_id = 'PND-5002'")" "pay 11944 postgres anna" "attributed to the login, the staff account beside it"

# bounded bodies
head -c 20000 /dev/zero | tr '\0' 'a' >"$TMP/big"
expect_eq "$(post "$TMP/a.jar" /search --data-binary "@$TMP/big")" "413" "body over 16 KiB refused"

# sign-out ends the session
expect_eq "$(post "$TMP/a.jar" /logout --data-urlencode "csrf=$A_CSRF")" "303" "sign out"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/a.jar" "$U/pend")" "303" "session gone"
run_adj 0 --config "$CONF" --db "$ADJ_DB" audit verify

# HTTPS with a certificate: cookies are Secure
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
        -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1
    console_start 8483 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem"
    curl -sk -D "$TMP/hs" -o /dev/null "https://127.0.0.1:8483/login"
    expect_contains "$TMP/hs" "Set-Cookie: pre=" "HTTPS answers"
    grep -q 'Set-Cookie: pre=.*; Secure' "$TMP/hs" || fail "cookie not Secure under HTTPS"
    expect_contains "$TMP/hs" "Strict-Transport-Security" "HSTS under HTTPS"
fi
