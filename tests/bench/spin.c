/*
 * spin: the machine's own ceiling for `make bench` -- loops of arithmetic
 * that touch no memory and share nothing, so two copies at once can go at
 * most twice as fast as one; how close they come is what the machine gives
 * two busy cores. Two loops, because a shared VM may give two vCPUs one
 * physical core's two hardware threads:
 *   spin [narrow] [STEPS]
 *                      one chain of dependent multiplies, which leaves most
 *                      of a core idle (a hardware thread beside it loses
 *                      little);
 *   spin wide [STEPS]  six independent chains of adds and xors, which keep
 *                      a core's units as full as busy code does (a hardware
 *                      thread beside it then takes its share).
 * Prints a number that depends on every step, so no step can be left out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t narrow(long steps)
{
	uint64_t x = 1, sum = 0;
	for (long i = 0; i < steps; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL; /* Knuth's MMIX LCG */
		sum += x >> 33;
	}
	return sum;
}

static uint64_t wide(long steps)
{
	uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;
	for (long i = 0; i < steps; i++) {
		a += (uint64_t)i;
		b ^= a;
		c += b >> 1;
		d ^= (uint64_t)i << 3;
		e += d;
		f ^= e + 7;
		/* keeps every chain in a register and every step in the loop */
		__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f));
	}
	return a + b + c + d + e + f;
}

int main(int argc, char **argv)
{
	int w = argc > 1 && strcmp(argv[1], "wide") == 0;
	int mode = w || (argc > 1 && strcmp(argv[1], "narrow") == 0); /* a mode was named */
	long steps = argc > 1 + mode ? atol(argv[1 + mode]) : w ? 400000000L : 300000000L;
	printf("%llu\n", (unsigned long long)(w ? wide(steps) : narrow(steps)));
	return 0;
}
