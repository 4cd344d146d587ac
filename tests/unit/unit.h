/* Shared scaffolding of the CUnit programs: one program per module, one
 * suite per program. ADJ_UNIT_MAIN(suite name, tests array) defines main. */
#ifndef ADJ_TESTS_UNIT_H
#define ADJ_TESTS_UNIT_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>

typedef struct UnitTest {
    const char *name;
    void (*fn)(void);
} UnitTest;

static inline int adj_unit_run(const char *suite_name, const UnitTest *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite(suite_name, NULL, NULL);
    for (const UnitTest *t = tests; t->name != NULL; t++)
        CU_add_test(suite, t->name, t->fn);
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    return failed == 0 && ran > 0 ? 0 : 1;
}

#define ADJ_UNIT_MAIN(suite_name, tests) \
    int main(void) { return adj_unit_run(suite_name, tests); }

/* path of a file under tests/fixtures, from the repository root */
#ifndef ADJ_FIXTURES
#define ADJ_FIXTURES "tests/fixtures"
#endif

#endif
