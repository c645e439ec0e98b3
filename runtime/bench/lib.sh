# Shared by run.sh and ab.sh: the load's request and the helpers that start
# and measure a server. Source it after setting `work` (a scratch directory).

# The dashboard's payload for a first view, as wrk's request.
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"action":"view","clientState":{},"slug":"counter","integrationId":"oac_1","configurationId":"icfg_1","teamId":null,"user":{"id":"u1","username":"dev","email":"dev@example.com","name":null,"profiles":[]},"token":"t","installationUrl":"https://vercel.com/dashboard/integrations/icfg_1","query":{}}'
LUA

# Waits until a server answers on PORT (10 s at most).
wait_for() {
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null -X OPTIONS "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}

# CPU seconds (user + system) a process has used so far, from /proc.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"
}
