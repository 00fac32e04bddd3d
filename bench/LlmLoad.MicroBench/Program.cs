using BenchmarkDotNet.Running;
using LlmLoad.MicroBench;

BenchmarkSwitcher.FromAssembly(typeof(StreamDecodingBenchmarks).Assembly).Run(args);
