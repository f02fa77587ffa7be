/* Recursive fib, the same algorithm as bench/jit.py's FIB and FIB_LONG (C anchor of design §6).
   Exported from a shared library so n arrives at run time and nothing is constant-folded. */
long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
