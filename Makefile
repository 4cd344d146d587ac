# One non-recursive Makefile. Objects under $(BUILD)/; `make help` lists targets.
# Sources are found by folder: every .c under adjudicator/<module>/ and
# routing/ goes into the library, adjudicator/cli/ into the command,
# tests/unit/test_<module>.c into one CUnit program per module.

BUILD     ?= build
VERSION   := 0.1.0
ifeq ($(origin CC),default)
CC := gcc
endif
PKGS      := libconfig libpq openssl libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN      := -Wall -Wextra -Werror -Wpedantic -Wformat=2 -Wshadow \
             -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wconversion
OPT       ?= -O2 -g
CFLAGS    ?=
CFLAGS    += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -fPIC $(EXTRA_CFLAGS)
CPPFLAGS  += -Iadjudicator -I. $(PKG_CFLAGS) -MMD -MP
LDFLAGS   += $(EXTRA_LDFLAGS)
LDLIBS    += $(PKG_LIBS) -lm -lpthread

LIB_SRC   := $(sort $(filter-out adjudicator/cli/%,$(wildcard adjudicator/*/*.c)) $(wildcard routing/*.c))
CLI_SRC   := $(sort $(wildcard adjudicator/cli/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
EXAMPLE_SRC := $(sort $(wildcard tests/example/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EXAMPLE_BIN := $(EXAMPLE_SRC:tests/example/%.c=$(BUILD)/tests/example_%)
LIB_A     := $(BUILD)/libadjudicator.a
LIB_SO    := $(BUILD)/libadjudicator.so
# The shared library: libadjudicator.so.VERSION with SONAME .so.MAJOR (the
# API's major version; docs/contracts.md says what may change within one)
SO_MAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME    := libadjudicator.so.$(SO_MAJOR)
LIB_SO_REAL := $(BUILD)/libadjudicator.so.$(VERSION)
BIN       := $(BUILD)/adjudicator
# Example programs using only adjudicator.h link the shared library; the
# others are test fixtures that use internal modules and link the static one.
API_EXAMPLES := example pghist
EXAMPLE_SO_BIN := $(API_EXAMPLES:%=$(BUILD)/tests/example_%)

.PHONY: all deps test unit lint integration security demo bench asan valgrind fuzz install \
        uninstall deb clean format help test-ha test-ha-run
.DEFAULT_GOAL := all
.SECONDARY:

all: $(BIN) $(LIB_A) $(LIB_SO) $(UNIT_BIN) $(EXAMPLE_BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# `adjudicator --version`, adj_api_version()
$(BUILD)/obj/adjudicator/cli/main.o: CPPFLAGS += -DADJ_VERSION='"$(VERSION)"'
# The library exports only what adjudicator.h marks ADJ_API
$(LIB_OBJ): CFLAGS += -fvisibility=hidden

$(LIB_A): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(LIB_SO_REAL): $(LIB_OBJ)
	$(CC) -shared $(CFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) -o $@ $^ $(LDLIBS)

$(LIB_SO): $(LIB_SO_REAL)
	ln -sf $(notdir $<) $(BUILD)/$(SONAME)
	ln -sf $(notdir $<) $@

$(BIN): $(CLI_OBJ) $(LIB_A)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB_A) $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS) -lcunit

$(EXAMPLE_SO_BIN): $(BUILD)/tests/example_%: $(BUILD)/obj/tests/example/%.o $(LIB_SO)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -L$(BUILD) -Wl,-rpath,'$$ORIGIN/..' -ladjudicator

$(BUILD)/tests/example_%: $(BUILD)/obj/tests/example/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS)

deps:
	@deploy/install-deps

## test: install what is missing, build, run unit and integration tests
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit lint integration security
	@if command -v pg_autoctl >/dev/null 2>&1; then $(MAKE) --no-print-directory test-ha-run; \
	 else echo "SKIPPED: ha tests (pg_auto_failover not installed: make test-ha installs it)"; fi

## test-ha: install pg_auto_failover, then the failover tests on a local trio
test-ha: $(BIN)
	@deploy/install-deps ha
	@$(MAKE) --no-print-directory test-ha-run

test-ha-run: $(BIN)
	@BUILD=$(BUILD) tests/ha/run

## unit: the CUnit programs (no database)
unit: $(UNIT_BIN)
	@tests/run-unit $(BUILD) $(UNIT_RUNNER)

## integration: tests against a private PostgreSQL this target starts
integration: $(BIN) $(EXAMPLE_BIN)
	@BUILD=$(BUILD) tests/integration/run

## lint: no include cycle between module folders (tests/lint)
lint:
	@tests/lint/include_cycles.sh

## security: the attack suite (tests/security), same private PostgreSQL
security: $(BIN)
	@BUILD=$(BUILD) tests/security/run

## demo: build, start the private PostgreSQL, run the main job
demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) deploy/demo

## asan: ASan+UBSan build (build/asan) running unit and integration tests
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" all unit integration security

## valgrind: unit tests and `check` over the fixtures under valgrind
valgrind: deps
	@$(MAKE) --no-print-directory all
	@UNIT_RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  $(MAKE) --no-print-directory unit
	@BUILD=$(BUILD) tests/valgrind-cli

## bench: optimised build, then the benchmark table and build/bench.json
BENCH_OPT := -O3 -g -DNDEBUG
bench: deps
	@$(MAKE) --no-print-directory BUILD=build/bench OPT="$(BENCH_OPT)" all
	@BUILD=build/bench BENCH_OPT="$(BENCH_OPT)" tests/bench/run

# Bench programs (tests/bench/*.c) are built on demand by tests/bench/run,
# only once the library has what they measure.
$(BUILD)/bench/%: $(BUILD)/obj/tests/bench/%.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LDLIBS)

## fuzz: libFuzzer run of the X12 reader (FUZZ_SECONDS, default 60)
fuzz: deps
	@tests/fuzz/run

## install: PREFIX (default /usr/local) under DESTDIR; the command finds its
## rulesets and migrations in PREFIX/share/adjudicator beside its own path
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR   ?= $(PREFIX)/share/adjudicator
MANDIR    ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/adjudicator
UNITDIR   ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)

$(BUILD)/adjudicator.pc: deploy/adjudicator.pc.in Makefile
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' $< >$@

$(BUILD)/adjudicator.service: deploy/adjudicator.service Makefile
	@mkdir -p $(dir $@)
	sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/usr/local/share/doc/adjudicator|$(DOCDIR)|g' \
	    -e 's|/etc/adjudicator/|$(SYSCONFDIR)/adjudicator/|g' $< >$@

install: $(BIN) $(LIB_A) $(LIB_SO)
	@rm -f $(BUILD)/adjudicator.pc $(BUILD)/adjudicator.service
	@$(MAKE) --no-print-directory $(BUILD)/adjudicator.pc $(BUILD)/adjudicator.service
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(DATADIR)/rulesets/tables $(DESTDIR)$(DATADIR)/sql \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR) $(DESTDIR)$(UNITDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(LIB_SO_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf libadjudicator.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libadjudicator.so
	install -m 644 adjudicator/adjudicator.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(BUILD)/adjudicator.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 644 rulesets/*.conf $(DESTDIR)$(DATADIR)/rulesets/
	install -m 644 rulesets/tables/* $(DESTDIR)$(DATADIR)/rulesets/tables/
	install -m 644 sql/*.sql $(DESTDIR)$(DATADIR)/sql/
	install -m 644 docs/man/adjudicator.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/man/adjudicator.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 README.md docs/contracts.md docs/architecture.md docs/adjudication.md \
	    deploy/adjudicator.conf.sample $(DESTDIR)$(DOCDIR)/
	install -m 644 $(BUILD)/adjudicator.service $(DESTDIR)$(UNITDIR)/

## uninstall: remove what install put (same PREFIX and DESTDIR)
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/adjudicator $(DESTDIR)$(LIBDIR)/libadjudicator.a \
	    $(DESTDIR)$(LIBDIR)/libadjudicator.so $(DESTDIR)$(LIBDIR)/libadjudicator.so.$(SO_MAJOR) \
	    $(DESTDIR)$(LIBDIR)/libadjudicator.so.$(VERSION) $(DESTDIR)$(INCLUDEDIR)/adjudicator.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/adjudicator.pc $(DESTDIR)$(MANDIR)/man1/adjudicator.1 \
	    $(DESTDIR)$(MANDIR)/man5/adjudicator.conf.5 $(DESTDIR)$(UNITDIR)/adjudicator.service
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

## deb: a Debian package (build/adjudicator_VERSION_ARCH.deb) with dpkg-deb
DEB_ARCH  := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB       := $(BUILD)/adjudicator_$(VERSION)_$(DEB_ARCH).deb
deb: $(BIN) $(LIB_A) $(LIB_SO)
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/DEBIAN
	@$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$(CURDIR)/$(BUILD)/deb \
	    UNITDIR=/lib/systemd/system
	sed -e 's|@VERSION@|$(VERSION)|' -e 's|@ARCH@|$(DEB_ARCH)|' \
	    -e "s|@SIZE@|$$(du -sk $(BUILD)/deb/usr | cut -f1)|" deploy/debian-control.in \
	    >$(BUILD)/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build $(BUILD)/deb $(DEB)
	@rm -f $(BUILD)/adjudicator.pc $(BUILD)/adjudicator.service

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) $(wildcard adjudicator/*/*.h routing/*.h)

clean:
	rm -rf build

help:
	@echo "make            build build/adjudicator, libadjudicator.a and .so"
	@echo "make test       install deps, build, unit + integration tests (what CI runs)"
	@echo "make test-ha    pg_auto_failover trio: failovers under load (make test runs it when installed)"
	@echo "make demo       private PostgreSQL, schema, sample claims, decisions"
	@echo "make security   the attack suite (tests/security; part of make test)"
	@echo "make asan       unit + integration tests under ASan+UBSan"
	@echo "make valgrind   unit tests and check over fixtures under valgrind"
	@echo "make bench      benchmarks (build/bench.json)"
	@echo "make fuzz       fuzz the X12 reader, CSV and ruleset loaders (FUZZ_SECONDS=60 each)"
	@echo "make install    install (PREFIX=/usr/local DESTDIR=); make uninstall"
	@echo "make deb        Debian package with dpkg-deb"
	@echo "make clean      remove build/"

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
