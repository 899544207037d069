// POSIX entry point: arguments are bytes already (UTF-8 under the usual locales).
#include "platform/program_main.h"

int main(int argc, char** argv) { return gcatrust::ProgramMain(argc, argv); }
