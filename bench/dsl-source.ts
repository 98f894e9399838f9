// A generated Nextflow script of about `lines` lines, shaped like real pipelines, for the parse benchmark.

// One module's worth of DSL: a process and a workflow using it (30 lines).
function chunk(i: number): string {
  return `process STEP_${i} {
    tag "$sample_id"
    cpus 2
    memory { 2.GB * task.attempt }
    publishDir "\${params.outdir}/step_${i}", mode: 'copy'

    input:
    tuple val(sample_id), path(reads)

    output:
    tuple val(sample_id), path("out_${i}_*.txt"), emit: results

    script:
    def args = task.ext.args ?: ''
    """
    tool --threads $task.cpus $args \${reads[0]} > out_${i}_\${sample_id}.txt
    """
}

workflow FLOW_${i} {
    take:
    reads

    main:
    STEP_${i}(reads.map { id, files -> tuple(id, files.sort()) }.filter { it[1].size() > 0 })

    emit:
    results = STEP_${i}.out.results | map { it[1] } | collect
}
`;
}

// The script: chunks until it reaches `lines` lines.
export function generatedScript(lines: number): string {
  const parts: string[] = ['params.outdir = "results"\n'];
  for (let i = 0, count = 1; count < lines; i++) {
    const text = chunk(i);
    parts.push(text);
    count += text.split('\n').length - 1;
  }
  return parts.join('');
}
