/**
 * What to do: runs a sizing job (input -> model) and writes its outputs, sizing.json, the HTML and
 * Markdown reports, the Terraform variables of the recommended plan and the Kubernetes manifests
 * made from them. The last stage of the flow for one run.
 */
package dev.headroom.report;
