// The NSS worker as a program of its own, for tests/nss: reads a job on stdin, writes results on
// stdout (in gcatrust it runs as `gcatrust nss-worker`).
#include <iostream>

#include "installer/nss/nss_worker.h"

int main() { return gcatrust::RunNssWorker(std::cin, std::cout); }
