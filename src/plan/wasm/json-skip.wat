;; Skips one JSON container or string, 16 bytes at a time (WebAssembly SIMD): where the value ends, tracking only
;; depth, strings and escapes, like ValueSkipper in ../json-scan.ts. Resumable: when the bytes end first, the state
;; stays in the globals and the next call continues with the next bytes.
;; Compiled by scripts/wasm.mjs into ../json-skip-wasm.ts.
(module
  (memory (export "memory") 96)
  (global $depth (mut i32) (i32.const 0))
  (global $inString (mut i32) (i32.const 0))
  (global $escaped (mut i32) (i32.const 0))

  (func (export "setState") (param $depth i32) (param $inString i32) (param $escaped i32)
    (global.set $depth (local.get $depth))
    (global.set $inString (local.get $inString))
    (global.set $escaped (local.get $escaped)))
  (func (export "depth") (result i32) (global.get $depth))
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
  (func (export "scan") (param $i i32) (param $end i32) (result i32)
    (local $v v128) (local $bits i32) (local $p i32) (local $r i32)
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
        (block $done
          (loop $specials
            (br_if $done (i32.eqz (local.get $bits)))
            (local.set $p (i32.ctz (local.get $bits)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (local.set $r
              (call $byte
                (i32.load8_u (i32.add (local.get $i) (local.get $p)))
                (i32.add (local.get $i) (local.get $p))))
            (if (i32.gt_s (local.get $r) (i32.const 0)) (then (return (local.get $r))))
            (if (i32.eq (local.get $r) (i32.const -2))
              (then
                (if (i32.eq (local.get $p) (i32.const 15))
                  (then (global.set $escaped (i32.const 1)))
                  (else
                    (local.set $bits
                      (i32.and (local.get $bits)
                        (i32.xor (i32.shl (i32.const 2) (local.get $p)) (i32.const -1))))))))
            (br $specials)))
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
    (i32.const -1)))
