using k8s;
using k8s.Models;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Deploy;

/// <summary>
/// deploy/k8s parsed as typed Kubernetes objects (the official client's models), checked against what
/// docs/distributed.md says: an Indexed Job of N parallel segments, JOB_COMPLETION_INDEX → --segment, the key from
/// a Secret, non-root pods, a merge Job reading the same volume and scenario.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Directory = Path.Combine(Repository.Root, "deploy", "k8s");

    [Fact]
    public void Manifests_ParseAsTypedObjects()
    {
        var kinds = Objects().Select(o => o.GetType()).ToList();
        Assert.Single(kinds, typeof(V1ConfigMap));
        Assert.Single(kinds, typeof(V1PersistentVolumeClaim));
        Assert.Equal(2, kinds.Count(k => k == typeof(V1Job)));
    }

    [Fact]
    public void SegmentsJob_IsIndexedWithNParallelSegmentsMappedToTheSegmentFlag()
    {
        var job = Job("llmload-segments");
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(job.Spec.Completions, job.Spec.Parallelism);
        Assert.Equal(0, job.Spec.BackoffLimit);
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(job.Spec.Completions.ToString(), container.Env.Single(e => e.Name == "SEGMENTS").Value);
        var script = string.Join(" ", container.Args);
        Assert.Contains("--segment \"$((JOB_COMPLETION_INDEX + 1))/${SEGMENTS}\"", script);
        Assert.Contains("llmload run /scenario/scenario.yaml", script);
        Assert.Contains("${START_AT:+--start-at \"$START_AT\"}", script);
        Assert.Equal(("llmload-run", "run-id"), (container.Env.Single(e => e.Name == "RUN_ID").ValueFrom.ConfigMapKeyRef.Name, container.Env.Single(e => e.Name == "RUN_ID").ValueFrom.ConfigMapKeyRef.Key));
        var key = container.Env.Single(e => e.Name == "OPENAI_API_KEY").ValueFrom.SecretKeyRef;
        Assert.Equal(("llmload-api-key", "OPENAI_API_KEY"), (key.Name, key.Key));
        Assert.Equal("1", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("512Mi", container.Resources.Requests["memory"].ToString());
    }

    [Fact]
    public void BothJobs_RunAsNonRootOnTheSharedVolumeWithTheSameScenario()
    {
        foreach (var job in new[] { Job("llmload-segments"), Job("llmload-merge") })
        {
            var pod = job.Spec.Template.Spec;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
            Assert.Equal("Never", pod.RestartPolicy);
            Assert.False(pod.Containers[0].SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal("llmload-results", pod.Volumes.Single(v => v.Name == "results").PersistentVolumeClaim.ClaimName);
            Assert.Equal("llmload-scenario", pod.Volumes.Single(v => v.Name == "scenario").ConfigMap.Name);
            Assert.Contains(pod.Containers[0].VolumeMounts, m => m.Name == "scenario" && m.MountPath == "/scenario");
        }

        Assert.Contains("llmload merge /results/${RUN_ID}/segment-*", string.Join(" ", Job("llmload-merge").Spec.Template.Spec.Containers[0].Args));
    }

    [Fact]
    public async Task ScenarioConfigMap_IsAScenarioTheCliAccepts()
    {
        var scenario = Objects().OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "llmload-scenario").Data["scenario.yaml"];
        var path = Path.Combine(Path.GetTempPath(), $"llmload-k8s-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, scenario);
        try
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(["estimate", path], TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"exit {exit}\n{stderr}{stdout}");
            Assert.Contains("seed:", scenario);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static V1Job Job(string name) => Objects().OfType<V1Job>().Single(j => j.Metadata.Name == name);

    private static List<object> Objects()
        => [.. System.IO.Directory.GetFiles(Directory, "*.yaml", SearchOption.AllDirectories).Order()
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))];
}
