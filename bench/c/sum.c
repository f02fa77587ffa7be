/* The loop/recur sum of bench/jit.py's SUM and SUM_LONG in 64-bit long arithmetic (C anchor of
   design §6). n comes from the caller at run time, so the loop runs; gcc -O2 keeps it a loop. */
long sum(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) s += i;
    return s;
}
