#!/bin/sh
# layers.sh BUILD OBJECT... — check the module graph of tenantsim's objects
# (the Makefile passes the library's objects; the tests and the command's
# main sit above everything and may use anything).
#
# A module is a .c file; module A depends on module B when A's object
# references a symbol B's object defines (nm). Two rules, from README's
# "Source layout":
#   1. every edge points down the layers: a module calls only modules of
#      the folders its own folder may use (the same table as the
#      Makefile's include paths);
#   2. no cycle: tsort finds none among the modules.
#   3. every public symbol of a module starts with the module's name
#      (directory_user_add is in directory.c), so a name says its file.
# Prints each violation and exits 1 on any; prints a one-line summary and
# exits 0 otherwise.
set -eu
B=${1:-build/test}
shift || true
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

if [ $# -gt 0 ]; then
  for o in "$@"; do echo "$o"; done | sort > "$T/objs"
else
  find "$B/engine" "$B/reports" "$B/sim" -name '*.o' ! -path '*/cli/main.o' | sort > "$T/objs"
fi
[ -s "$T/objs" ] || { echo "layers: no objects under $B (build first)"; exit 1; }

# module path (engine/sync/cycle) of an object path
modof() { echo "$1" | sed "s#^$B/##; s#\.o\$##"; }

: > "$T/defs"; : > "$T/uses"
while read -r o; do
  m=$(modof "$o")
  nm -g --defined-only "$o" | awk -v m="$m" 'NF>=3 {print $3, m}' >> "$T/defs"
  nm -u "$o" | awk -v m="$m" '{print $NF, m}' >> "$T/uses"
done < "$T/objs"
sort -u "$T/defs" > "$T/defs.s"
sort -u "$T/uses" > "$T/uses.s"
# edges "user definer", from symbols used by one module and defined by another
join "$T/uses.s" "$T/defs.s" | awk '$2!=$3 {print $2, $3}' | sort -u > "$T/edges"

# The folder (layer) of a module, and which layers it may use.
layer() {
  case "$1" in
    engine/base/*)  echo base ;;
    engine/store/*) echo store ;;
    engine/expr/*)  echo expr ;;
    engine/model/*) echo model ;;
    engine/sync/*)  echo sync ;;
    engine/*)       echo engine ;;
    reports/*)      echo reports ;;
    sim/*)          echo sim ;;
    *)              echo other ;;
  esac
}
allowed() {
  case "$1" in
    base)    echo " base " ;;
    store)   echo " base store " ;;
    expr)    echo " base expr " ;;
    model)   echo " base store model " ;;
    sync)    echo " base store expr model sync " ;;
    engine)  echo " base store expr model sync engine " ;;
    reports) echo " base store reports " ;;
    sim)     echo " base store expr model sync engine reports sim " ;;
    *)       echo "" ;;
  esac
}

bad=0
while read -r a b; do
  la=$(layer "$a"); lb=$(layer "$b")
  case "$(allowed "$la")" in
    *" $lb "*) ;;
    *) echo "layers: $a ($la) calls $b ($lb): $la may use only$(allowed "$la")"; bad=1 ;;
  esac
done < "$T/edges"

# Rule 3: a public symbol names its module.
awk '{n=split($2, a, "/"); if( index($1, a[n])!=1 ) print "layers: " $2 " defines " $1 \
      ": a public name must start with " a[n]}' "$T/defs.s" > "$T/names"
if [ -s "$T/names" ]; then cat "$T/names"; bad=1; fi

if ! tsort "$T/edges" > /dev/null 2> "$T/tsort.err"; then
  echo "layers: modules call each other in a cycle:"
  sed 's/^tsort: /  /' "$T/tsort.err"
  bad=1
fi
[ "$bad" -eq 0 ] || exit 1
echo "layers: $(wc -l < "$T/objs") modules, $(wc -l < "$T/edges") edges: every edge points down, no cycle, every public name starts with its module's"
