"""Tier 1: fn bodies compiled to machine code through llvmlite (design §3).

`native.NativeFns` is what tier 0 calls; `interrupts` is importable without loading LLVM.
Modules: `capi` (C API declarations, object layouts), `constants` (per-module constants
tables), `lower` (nodes to IR), `fntype` (the fn object type), `callables` (making fns),
`support` (the helpers compiled once per process), `jit` (units, batching, machine code
lifetimes).
"""
