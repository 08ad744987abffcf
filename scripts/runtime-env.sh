# Sourced by the dadiff launcher and the scripts: environment the native engine reads when it starts
# (too late to set from Java). pom.xml repeats both values for the test runner.
#
# OpenMP's spin-waiting collapses under CPU contention; see org.dadiff4j.Runtime.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# By default glibc returns each large freed tensor to the kernel and page-faults it back on the next
# call: about 40,000 faults, a quarter of the time of one 160x160 prior call on the reference machine
# (bench/results.md). These keep freed memory in the process instead, for about 0.1 GB more peak RSS.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=4294967296:glibc.malloc.top_pad=268435456}"
