#!/usr/bin/env bash
# spark-submit without a Spark distribution: runs org.apache.spark.deploy.SparkSubmit (the class the
# spark-submit script starts) on the jars of a Spark 4.0.1 / Scala 2.13 distribution, resolved from
# Maven Central by scripts/spark-runtime/pom.xml. Takes spark-submit's own arguments, e.g.
#
#   scripts/spark-submit-local.sh --master 'local[2]' --class org.dadiff4j.spark.SparkUpscale \
#       target/dadiff4j-spark.jar --input examples --output out-spark --steps 2
#
# Client mode only (the driver is this JVM): --master local[N] or a standalone/YARN master the
# machine can reach. SPARK_DRIVER_MEMORY (default 1g, as spark-submit's) sets the driver's heap.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/runtime-env.sh"
pom="$root/scripts/spark-runtime/pom.xml"
classpath="$root/target/spark-runtime.classpath"
if [ ! -s "$classpath" ] || [ "$pom" -nt "$classpath" ]; then
  mkdir -p "$root/target"
  # offline first (the jars are in ~/.m2 after a build); else from Maven Central
  mvn -B -q -o -f "$pom" dependency:build-classpath -Dmdep.outputFile="$classpath" >&2 \
    || mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$classpath" >&2
fi
# What spark-class adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions); spark/pom.xml's tests use the same.
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
exec java -Xmx"${SPARK_DRIVER_MEMORY:-1g}" "${opens[@]}" -cp "$(cat "$classpath")" \
  org.apache.spark.deploy.SparkSubmit "$@"
