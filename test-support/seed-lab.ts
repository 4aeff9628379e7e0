/**
 * The seed lab's own SQL, as a team that followed it has run it through psql: the focus group and
 * dimension its examples refer to, then its two example INSERTs. Written in the seed's style
 * (effective_from and is_current left to their defaults), so it runs as it is on PostgreSQL and on
 * SQLite.
 */
export const seedLabGroupInserts = `
INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order)
VALUES ('pe_manufacturing', 'pe_org_air', 'Manufacturing', 'MFG', 1);
INSERT INTO dimensions (dimension_id, platform, dimension_name, dimension_code, display_order)
VALUES ('pe_dim_data_infra', 'pe_org_air', 'Data Infrastructure', 'data_infrastructure', 1);
`;

/** The seed's two example INSERTs, with the values it shows (which are also the reference's). */
export function seedLabExampleInserts(weight = 0.22, baseline = 72): string {
  return `
INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale)
VALUES ('pe_manufacturing', 'pe_dim_data_infra', ${weight}, 'OT/IT integration critical');
INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, parameter_type, description)
VALUES ('pe_manufacturing', 'h_r_baseline', ${baseline}, 'numeric', 'Systematic opportunity baseline');
`;
}
