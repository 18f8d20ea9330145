;; Skips one JSON container or string, 16 bytes at a time (WebAssembly SIMD): where the value ends, tracking only
;; depth, strings and escapes, like ValueSkipper in ../json-scan.ts. Resumable: when the bytes end first, the state
;; stays in the globals and the next call continues with the next bytes.
;; And walks the members of one object (`members`), writing where each key and value is into a table for
;; ObjectIndex (../object-index.ts): one call per object instead of a JavaScript loop over its bytes.
;; Compiled by scripts/wasm.mjs into ../json-skip-wasm.ts.
(module
  (memory (export "memory") 96)
  (global $depth (mut i32) (i32.const 0))
  (global $inString (mut i32) (i32.const 0))
  (global $escaped (mut i32) (i32.const 0))
  ;; Whether the last string stringEnd walked had a backslash.
  (global $sawEscape (mut i32) (i32.const 0))

  (func (export "setState") (param $depth i32) (param $inString i32) (param $escaped i32)
    (global.set $depth (local.get $depth))
    (global.set $inString (local.get $inString))
    (global.set $escaped (local.get $escaped)))
  (func (export "depth") (result i32) (global.get $depth))
  ;; A container skipped from $depth levels inside it, in one call: the state of an unfinished skip is not kept.
  (func (export "skip") (param $i i32) (param $end i32) (param $depth i32) (result i32)
    (global.set $depth (local.get $depth))
    (global.set $inString (i32.const 0))
    (global.set $escaped (i32.const 0))
    (call $scan (local.get $i) (local.get $end)))
  (func (export "inString") (result i32) (global.get $inString))
  (func (export "escaped") (result i32) (global.get $escaped))

  ;; One special byte at $p (a quote, backslash, bracket or brace): returns the offset past the value when it
  ;; ends there, 0 to go on, -2 when the byte after it is escaped (the caller skips it).
  (func $byte (param $c i32) (param $p i32) (result i32)
    (if (global.get $inString)
      (then
        (if (i32.eq (local.get $c) (i32.const 0x5c)) (then (return (i32.const -2))))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            (global.set $inString (i32.const 0))
            (if (i32.eqz (global.get $depth)) (then (return (i32.add (local.get $p) (i32.const 1)))))))
        (return (i32.const 0))))
    (if (i32.eq (local.get $c) (i32.const 0x22))
      (then (global.set $inString (i32.const 1)) (return (i32.const 0))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eq (local.get $c) (i32.const 0x5b)))
      (then (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (return (i32.const 0))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 0x7d)) (i32.eq (local.get $c) (i32.const 0x5d)))
      (then
        (global.set $depth (i32.sub (global.get $depth) (i32.const 1)))
        (if (i32.eqz (global.get $depth)) (then (return (i32.add (local.get $p) (i32.const 1)))))))
    (i32.const 0))

  ;; scan(i, end): the offset just past the value, or -1 when memory[i, end) ended first.
  (func $scan (export "scan") (param $i i32) (param $end i32) (result i32)
    (local $v v128) (local $bits i32) (local $p i32) (local $r i32) (local $c i32) (local $depth i32)
    (local $inString i32)
    ;; A byte escaped at the end of the last call's bytes.
    (if (global.get $escaped)
      (then
        (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
        (global.set $escaped (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (block $tail
      (loop $blocks
        (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $i)))
        (local.set $bits
          (i8x16.bitmask
            (v128.or
              (v128.or
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x22)))
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))
              (v128.or
                (v128.or
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x7b)))
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x7d))))
                (v128.or
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5b)))
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5d))))))))
        ;; $byte's work, inline and on locals (a call per quote was a fifth of the skip's time).
        (local.set $depth (global.get $depth))
        (local.set $inString (global.get $inString))
        (block $done
          (loop $specials
            (br_if $done (i32.eqz (local.get $bits)))
            (local.set $p (i32.ctz (local.get $bits)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (local.set $c (i32.load8_u (i32.add (local.get $i) (local.get $p))))
            (if (local.get $inString)
              (then
                (if (i32.eq (local.get $c) (i32.const 0x5c))
                  (then
                    ;; The byte after a backslash is escaped: in this block, or the next block's first.
                    (if (i32.eq (local.get $p) (i32.const 15))
                      (then (global.set $escaped (i32.const 1)))
                      (else
                        (local.set $bits
                          (i32.and (local.get $bits)
                            (i32.xor (i32.shl (i32.const 2) (local.get $p)) (i32.const -1)))))))
                  (else
                    (if (i32.eq (local.get $c) (i32.const 0x22))
                      (then
                        (local.set $inString (i32.const 0))
                        (if (i32.eqz (local.get $depth))
                          (then (return (i32.add (i32.add (local.get $i) (local.get $p)) (i32.const 1))))))))))
              (else
                (if (i32.eq (local.get $c) (i32.const 0x22))
                  (then (local.set $inString (i32.const 1)))
                  (else
                    (if (i32.or (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eq (local.get $c) (i32.const 0x5b)))
                      (then (local.set $depth (i32.add (local.get $depth) (i32.const 1))))
                      (else
                        (if (i32.or (i32.eq (local.get $c) (i32.const 0x7d)) (i32.eq (local.get $c) (i32.const 0x5d)))
                          (then
                            (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
                            (if (i32.eqz (local.get $depth))
                              (then
                                (return (i32.add (i32.add (local.get $i) (local.get $p)) (i32.const 1)))))))))))))
            (br $specials)))
        (global.set $depth (local.get $depth))
        (global.set $inString (local.get $inString))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        ;; A backslash in the block's last byte escapes the next block's first.
        (if (global.get $escaped)
          (then
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
            (global.set $escaped (i32.const 0))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $blocks)))
    ;; Fewer than 16 bytes left: one at a time.
    (block $out
      (loop $bytes
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $r (call $byte (i32.load8_u (local.get $i)) (local.get $i)))
        (if (i32.gt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
        (if (i32.eq (local.get $r) (i32.const -2))
          (then
            (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end))
              (then (global.set $escaped (i32.const 1)) (return (i32.const -1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.const -1))

  ;; The member table, after the two 2 MiB chunk buffers: [status, objectEnd, 0, 0], then per member
  ;; [keyStart, keyEnd, valueStart, valueEnd]. Status 0: the object ended at objectEnd; 1: the last member's value
  ;; is a container, not skipped (valueEnd -1); 2: the table is full (4,096 members), call again from the last
  ;; valueEnd.
  (func $isWhitespace (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x0a)))
      (i32.or (i32.eq (local.get $c) (i32.const 0x0d)) (i32.eq (local.get $c) (i32.const 0x09)))))

  (func $skipWhitespace (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (block $out
      (loop $bytes
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        ;; Terraform writes no whitespace: most calls end at the first byte, above the space.
        (br_if $out (i32.gt_u (local.get $c) (i32.const 0x20)))
        (br_if $out (i32.eqz (call $isWhitespace (local.get $c))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (local.get $i))

  ;; The offset past the string whose opening quote is at $i, or -1 when the bytes end first.
  (func $stringEnd (param $i i32) (param $end i32) (result i32)
    (local $v v128) (local $bits i32) (local $c i32)
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (block $tail
      (loop $blocks
        (br_if $tail (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $i)))
        (local.set $bits
          (i8x16.bitmask
            (v128.or
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x22)))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))))
        (if (i32.eqz (local.get $bits))
          (then (local.set $i (i32.add (local.get $i) (i32.const 16))) (br $blocks)))
        (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $bits))))
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x22))
          (then (return (i32.add (local.get $i) (i32.const 1)))))
        ;; A backslash: the byte after it is escaped.
        (global.set $sawEscape (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $blocks)))
    (block $out
      (loop $bytes
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 0x22)) (then (return (i32.add (local.get $i) (i32.const 1)))))
        (if (i32.eq (local.get $c) (i32.const 0x5c)) (then (global.set $sawEscape (i32.const 1))))
        (local.set $i
          (i32.add (local.get $i)
            (select (i32.const 2) (i32.const 1) (i32.eq (local.get $c) (i32.const 0x5c)))))
        (br $bytes)))
    (i32.const -1))

  ;; Where a number, true, false or null ends, or -1 when the bytes end first.
  (func $scalarEnd (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (block $out
      (loop $bytes
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or
              (i32.or (i32.eq (local.get $c) (i32.const 0x2c)) (i32.eq (local.get $c) (i32.const 0x7d)))
              (i32.or (i32.eq (local.get $c) (i32.const 0x5d)) (call $isWhitespace (local.get $c))))
          (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i32.const -1))

  ;; Whether the key buf[$key, $keyEnd) (quotes included) may be one the filter at $filter holds: 4,096 bits, one
  ;; per hash of the key's length, first and last byte (keyHash in ../wasm-skip.ts computes the same). No filter
  ;; (-1) and escaped keys (their bytes are not their text): always.
  (func $wanted (param $key i32) (param $keyEnd i32) (param $filter i32) (result i32)
    (local $length i32) (local $h i32)
    (if (i32.lt_s (local.get $filter) (i32.const 0)) (then (return (i32.const 1))))
    (if (global.get $sawEscape) (then (return (i32.const 1))))
    (local.set $length (i32.sub (i32.sub (local.get $keyEnd) (local.get $key)) (i32.const 2)))
    (local.set $h
      (i32.and
        (i32.add
          (i32.mul (local.get $length) (i32.const 67))
          (select
            (i32.add
              (i32.mul (i32.load8_u offset=1 (local.get $key)) (i32.const 31))
              (i32.load8_u (i32.sub (local.get $keyEnd) (i32.const 2))))
            (i32.const 0)
            (local.get $length)))
        (i32.const 4095)))
    (i32.ne
      (i32.and
        (i32.load8_u (i32.add (local.get $filter) (i32.shr_u (local.get $h) (i32.const 3))))
        (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7))))
      (i32.const 0)))

  ;; members(i, end, first, stop, filter): the members of the object from $i (just past its "{" when $first, else
  ;; just past a value) whose keys the filter may hold, into the table; the others are skipped. Returns how many,
  ;; -1 when the bytes end first, -2 when the JSON is not well formed (the caller's JavaScript says where). $stop:
  ;; stop at a wanted member's container value instead of skipping it. A record's keyEnd has bit 31 set when the
  ;; key has escapes.
  (func (export "members") (param $i i32) (param $end i32) (param $first i32) (param $stop i32) (param $filter i32)
    (result i32)
    (local $n i32) (local $c i32) (local $key i32) (local $keyEnd i32) (local $value i32) (local $valueEnd i32)
    (local $record i32) (local $keep i32)
    (loop $member
      (local.set $i (call $skipWhitespace (local.get $i) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      ;; "}" ends the object right after its "{" or after a value, never after a ",".
      (if (i32.eq (local.get $c) (i32.const 0x7d))
        (then
          (i32.store (i32.const 4194304) (i32.const 0))
          (i32.store (i32.const 4194308) (i32.add (local.get $i) (i32.const 1)))
          (return (local.get $n))))
      (if (i32.eqz (local.get $first))
        (then
          (if (i32.ne (local.get $c) (i32.const 0x2c)) (then (return (i32.const -2))))
          (local.set $i (call $skipWhitespace (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
          (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
          (local.set $c (i32.load8_u (local.get $i)))))
      (local.set $first (i32.const 0))
      (if (i32.ne (local.get $c) (i32.const 0x22)) (then (return (i32.const -2))))
      (local.set $key (local.get $i))
      (global.set $sawEscape (i32.const 0))
      (local.set $keyEnd (call $stringEnd (local.get $i) (local.get $end)))
      (if (i32.lt_s (local.get $keyEnd) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $keep (call $wanted (local.get $key) (local.get $keyEnd) (local.get $filter)))
      (local.set $i (call $skipWhitespace (local.get $keyEnd) (local.get $end)))
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x3a)) (then (return (i32.const -2))))
      (local.set $value (call $skipWhitespace (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
      (if (i32.ge_u (local.get $value) (local.get $end)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $value)))
      (local.set $record (i32.add (i32.const 4194320) (i32.shl (local.get $n) (i32.const 4))))
      (if (local.get $keep)
        (then
          (i32.store (local.get $record) (local.get $key))
          (i32.store offset=4 (local.get $record)
            (i32.or (local.get $keyEnd) (i32.shl (global.get $sawEscape) (i32.const 31))))
          (i32.store offset=8 (local.get $record) (local.get $value))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))))
      (if (i32.eq (local.get $c) (i32.const 0x22))
        (then (local.set $valueEnd (call $stringEnd (local.get $value) (local.get $end))))
        (else
          (if (i32.or (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eq (local.get $c) (i32.const 0x5b)))
            (then
              (if (i32.and (local.get $stop) (local.get $keep))
                (then
                  (i32.store offset=12 (local.get $record) (i32.const -1))
                  (i32.store (i32.const 4194304) (i32.const 1))
                  (return (local.get $n))))
              (global.set $depth (i32.const 0))
              (global.set $inString (i32.const 0))
              (global.set $escaped (i32.const 0))
              (local.set $valueEnd (call $scan (local.get $value) (local.get $end))))
            (else
              (if (i32.or
                    (i32.or (i32.eq (local.get $c) (i32.const 0x2c)) (i32.eq (local.get $c) (i32.const 0x7d)))
                    (i32.or (i32.eq (local.get $c) (i32.const 0x5d)) (i32.eq (local.get $c) (i32.const 0x3a))))
                (then (return (i32.const -2))))
              (local.set $valueEnd (call $scalarEnd (local.get $value) (local.get $end)))))))
      (if (i32.lt_s (local.get $valueEnd) (i32.const 0)) (then (return (i32.const -1))))
      (if (local.get $keep) (then (i32.store offset=12 (local.get $record) (local.get $valueEnd))))
      (local.set $i (local.get $valueEnd))
      (if (i32.ge_u (local.get $n) (i32.const 4096))
        (then (i32.store (i32.const 4194304) (i32.const 2)) (return (local.get $n))))
      (br $member))
    (unreachable)))
