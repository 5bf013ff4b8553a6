import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * How n8n reaches one cluster, and what the workflows holding this credential may do there.
 * The write policy sits here rather than on the nodes so that whoever owns the credential
 * (the n8n admin) decides it once, and a workflow editor cannot widen it from a node.
 */
export class KubernetesApi implements ICredentialType {
  name = 'kubernetesApi';

  displayName = 'Kubernetes API';

  icon: Icon = { light: 'file:../icons/kubernetes.svg', dark: 'file:../icons/kubernetes.dark.svg' };

  documentationUrl = 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/';

  properties: INodeProperties[] = [
    {
      displayName: 'Connect With',
      name: 'connection',
      type: 'options',
      options: [
        {
          name: 'Kubeconfig',
          value: 'kubeconfig',
          description: 'Paste a kubeconfig file',
        },
        {
          name: 'In-Cluster Service Account',
          value: 'inCluster',
          description: 'n8n runs in a pod; use its service account token and CA',
        },
        {
          name: 'Server URL and Token',
          value: 'token',
          description: 'API server address plus a bearer token, e.g. a service account token',
        },
      ],
      default: 'kubeconfig',
    },
    // eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a kubeconfig embeds client keys and tokens
    {
      displayName: 'Kubeconfig',
      name: 'kubeconfig',
      type: 'string',
      // rows keeps it a multi-line box; password masks it in the editor
      typeOptions: { password: true, rows: 10 },
      default: '',
      required: true,
      placeholder: 'apiVersion: v1\nkind: Config\nclusters: ...',
      description:
        'The whole kubeconfig, YAML or JSON. Certificates and tokens must be embedded (…-data fields); file paths inside it are not read.',
      displayOptions: { show: { connection: ['kubeconfig'] } },
    },
    {
      displayName: 'Context',
      name: 'context',
      type: 'string',
      default: '',
      placeholder: 'prod-admin',
      description: "Context to use. Empty means the kubeconfig's current-context.",
      displayOptions: { show: { connection: ['kubeconfig'] } },
    },
    {
      displayName: 'Server URL',
      name: 'server',
      type: 'string',
      default: '',
      required: true,
      placeholder: 'https://203.0.113.10:6443',
      displayOptions: { show: { connection: ['token'] } },
    },
    {
      displayName: 'Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      displayOptions: { show: { connection: ['token'] } },
    },
    {
      displayName: 'CA Certificate',
      name: 'caData',
      type: 'string',
      typeOptions: { rows: 4 },
      default: '',
      placeholder: '-----BEGIN CERTIFICATE-----',
      description: "The cluster's CA, PEM or base64-encoded PEM. Empty means the system trust store.",
      displayOptions: { show: { connection: ['token'] } },
    },
    {
      displayName: 'Skip TLS Verification',
      name: 'skipTlsVerify',
      type: 'boolean',
      default: false,
      description: "Whether to accept any server certificate. Only for clusters you can't get the CA of.",
      displayOptions: { show: { connection: ['token'] } },
    },
    {
      displayName:
        'TLS verification is off: anyone on the network path can impersonate this cluster and read the token',
      name: 'skipTlsVerifyNotice',
      type: 'notice',
      default: '',
      displayOptions: { show: { connection: ['token'], skipTlsVerify: [true] } },
    },
    {
      displayName: 'Default Namespace',
      name: 'namespace',
      type: 'string',
      default: '',
      placeholder: 'default',
      description:
        "Namespace used when a node leaves it empty. Empty means the context's namespace (kubeconfig), the pod's namespace (in-cluster), or default.",
    },
    {
      displayName:
        'Write policy: every node using this credential enforces the settings below, whatever the workflow asks for. Limit reads with RBAC on the cluster side.',
      name: 'policyNotice',
      type: 'notice',
      default: '',
    },
    {
      displayName: 'Allowed Actions',
      name: 'allowedActions',
      type: 'options',
      options: [
        {
          name: 'Read-Only',
          value: 'read-only',
          description: 'Get, list, logs, events and diagnosis; every change is refused',
        },
        {
          name: 'Dry-Run Only',
          value: 'dry-run',
          description: 'Changes are sent with dryRun=All: validated by the API server, never stored',
        },
        {
          name: 'Read-Write',
          value: 'read-write',
          description: 'Changes are applied, except in protected namespaces and on denied kinds',
        },
      ],
      default: 'read-only',
    },
    {
      displayName: 'Allowed Changes',
      name: 'allowedVerbs',
      type: 'multiOptions',
      // the verbs lib/guard knows; credentials may import nothing but n8n-workflow, hence the copy
      options: [
        { name: 'Apply', value: 'apply' },
        { name: 'Cordon', value: 'cordon' },
        { name: 'Create', value: 'create' },
        { name: 'Delete', value: 'delete' },
        { name: 'Evict', value: 'evict' },
        { name: 'Patch', value: 'patch' },
        { name: 'Restart', value: 'restart' },
        { name: 'Rollback', value: 'rollback' },
        { name: 'Scale', value: 'scale' },
        { name: 'Set Image', value: 'set-image' },
        { name: 'Set Resources', value: 'set-resources' },
        { name: 'Uncordon', value: 'uncordon' },
        { name: 'Update', value: 'update' },
      ],
      default: [],
      description:
        'Kinds of change allowed. None selected means all of them. Allowing Patch does not allow Scale or Set Image.',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Allowed Namespaces',
      name: 'allowedNamespaces',
      type: 'string',
      default: '',
      placeholder: 'shop, payments',
      description:
        'Comma-separated namespaces where changes are allowed. Empty means every namespace that is not protected.',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Allow Cluster-Scoped Changes',
      name: 'allowClusterScoped',
      type: 'boolean',
      default: false,
      description:
        'Whether nodes, namespaces, cluster roles and other cluster-scoped objects may be changed while Allowed Namespaces is set (without it they always may)',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Protected Namespaces',
      name: 'protectedNamespaces',
      type: 'string',
      default: 'kube-system,kube-public,kube-node-lease',
      description: 'Comma-separated namespaces that are never changed, whatever else this policy allows',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Denied Kinds',
      name: 'deniedKinds',
      type: 'string',
      default: '',
      placeholder: 'Ingress, NetworkPolicy',
      description:
        'Comma-separated kinds (or plurals) that are never changed, in addition to those always denied: Secret, RBAC (Role, ClusterRole and their bindings), admission webhooks and policies, APIService, CustomResourceDefinition, CertificateSigningRequest; and Namespace or PersistentVolume deletion, Node changes other than cordon/uncordon.',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Allowed Sensitive Kinds',
      name: 'allowedKinds',
      type: 'string',
      default: '',
      placeholder: 'Secret',
      description:
        'Comma-separated kinds lifted, on purpose, from those always denied (e.g. Secret, Namespace to allow deleting namespaces, Node to allow node changes). Every write this lifts says so in its audit record.',
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
    {
      displayName: 'Allowed Escalations',
      name: 'allowedEscalations',
      type: 'string',
      default: '',
      placeholder: 'hostNetwork',
      description:
        "Comma-separated pod escalations allowed on purpose: privileged, allowPrivilegeEscalation, hostPID, hostNetwork, hostIPC, hostPath, capabilities, hostPorts, procMount, seccomp, appArmor, seLinux, hostProcess, sysctls, secretRefs, serviceAccount, externalIPs, ingressSnippets, podSecurity (or all). Without them, a change that adds one to a pod or pod template (or lowers a namespace's Pod Security level) is refused.",
      displayOptions: { hide: { allowedActions: ['read-only'] } },
    },
  ];
}
