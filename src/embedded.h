/* embedded.h - files built into the binary (generated src/embedded.c). */
#ifndef PRMWB_EMBEDDED_H
#define PRMWB_EMBEDDED_H

extern const char prm_embedded_model[];     /* models/iso27022.xml */
extern const unsigned long prm_embedded_model_len;
extern const char prm_embedded_schema[];    /* models/prm.rng */
extern const unsigned long prm_embedded_schema_len;
extern const char prm_embedded_schema2[];   /* models/prm-2.rng */
extern const unsigned long prm_embedded_schema2_len;
extern const char prm_embedded_records_schema[];   /* models/records.rng */
extern const unsigned long prm_embedded_records_schema_len;

#endif
