# Runs one server process for a test host, and stops it and removes its folder when the test host is gone, however
# it went.
#   sh -c "<this script>" watchdog <folder> <stop-signal> <command> [argument...]
# Standard input is a pipe from the test host. While the server runs, the host sends "signal <NAME>" lines (STOP
# pauses the server, CONT resumes it, KILL crashes it), each answered "signalled <NAME>"; once the server has ended, "keep" hands <folder> on to the
# server's next start. The end of standard input (the host closed its end, or died and the kernel closed it) stops a
# running server with <stop-signal>, then SIGKILL if it still runs ten seconds later, and removes <folder> unless it
# was handed on. Standard output gets "started <pid>" and, when the server has ended, "exited <status>".
set -u
folder=$1
stop=$2
shift 2

# Ctrl+C in a terminal reaches the test host and the server; this script stays to clean up after them.
trap '' INT HUP

"$@" </dev/null >>"$folder/server.log" 2>&1 &
server=$!
echo "started $server"

# An asynchronous list reads /dev/null unless told otherwise: the reader gets the host's pipe on purpose.
exec 3<&0 0</dev/null
(
  while IFS= read -r line; do
    case $line in
      "signal "*)
        kill -s "${line#signal }" "$server" 2>/dev/null
        echo "signalled ${line#signal }"
        ;;
    esac
  done
  kill -s "$stop" "$server" 2>/dev/null
  kill -s CONT "$server" 2>/dev/null
  tries=0
  while kill -0 "$server" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      kill -s KILL "$server" 2>/dev/null
      break
    fi
    sleep 0.1
  done
) <&3 2>/dev/null &
reader=$!

wait "$server"
status=$?
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
echo "exited $status"

keep=no
while IFS= read -r line <&3; do
  if [ "$line" = keep ]; then
    keep=yes
  fi
done
if [ "$keep" = no ]; then
  rm -rf "$folder"
fi
