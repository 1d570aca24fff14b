/*
 * spin: the machine's own ceiling for `make bench` -- a loop of arithmetic
 * that touches no memory and shares nothing, so two copies at once can go
 * at most twice as fast as one; how close they come is what the machine
 * gives two busy cores (a shared VM gives each less when both are busy).
 * Prints a number that depends on every step, so no step can be left out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long steps = argc > 1 ? atol(argv[1]) : 300000000L;
	uint64_t x = 1, sum = 0;
	for (long i = 0; i < steps; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL; /* Knuth's MMIX LCG */
		sum += x >> 33;
	}
	printf("%llu\n", (unsigned long long)sum);
	return 0;
}
